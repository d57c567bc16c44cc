/**
 * The benchmarks' SMTP sink, in its own process (started with child_process.fork): accepts every
 * message and discards it, counting messages, bytes and distinct recipients. The parent asks over
 * IPC: 'count' -> { count, distinct, bytes }, 'reset' -> zeroes them, 'stop' -> exits.
 */
const { SMTPServer } = require('smtp-server');

let count = 0;
let bytes = 0;
let recipients = new Set();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', (chunk) => (bytes += chunk.length));
    stream.on('end', () => {
      count += 1;
      for (const r of session.envelope.rcptTo) recipients.add(r.address);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (message) => {
  if (message === 'count') process.send({ count, distinct: recipients.size, bytes });
  else if (message === 'reset') {
    count = 0;
    bytes = 0;
    recipients = new Set();
    process.send({ reset: true });
  } else if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
