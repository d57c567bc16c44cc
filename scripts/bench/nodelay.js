/**
 * Preload (`node -r`) of `npm run bench:send -- --nodelay`: every TCP socket of the process gets
 * TCP_NODELAY, as `getSocket` in the email provider's options would give nodemailer's pooled
 * connections (see docs/performance.md, "Sending"). Without it, nodemailer's last write of each
 * message ("\r\n.\r\n") waits for the server's delayed ACK (~40 ms on Linux) before it is sent.
 */
const net = require('net');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectWithNoDelay(...args) {
  this.setNoDelay(true);
  return connect.apply(this, args);
};
