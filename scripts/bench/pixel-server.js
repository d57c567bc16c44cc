/**
 * The baseline of `npm run bench:tracking`, in its own process (child_process.fork) like the app:
 * a bare `node:http` server that answers GET /api/segmentation/t/o/* with the same 43-byte GIF and
 * GET /api/segmentation/t/c/* with the same redirect, with the headers the app sent (passed in by
 * the parent, copied from a real answer of the app), without checking the token or recording
 * anything. Everything else gets 404. Tells the parent { port } over IPC; 'stop' ends it.
 * Usage: fork('pixel-server.js', [JSON.stringify({ pixel: base64, open: headers, click: headers })])
 */
const http = require('http');

const spec = JSON.parse(process.argv[2]);
const pixel = Buffer.from(spec.pixel, 'base64');
const OPEN = '/api/segmentation/t/o/';
const CLICK = '/api/segmentation/t/c/';

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith(OPEN)) {
    res.writeHead(200, spec.open);
    res.end(pixel);
  } else if (req.method === 'GET' && req.url.startsWith(CLICK)) {
    res.writeHead(302, spec.click);
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port, pid: process.pid }));
process.on('message', (message) => {
  if (message !== 'stop') return;
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
process.on('disconnect', () => process.exit(0));
