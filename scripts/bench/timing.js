/**
 * Preload (`node -r`) of `npm run bench:send -- --profile` for the worker: times every query of
 * the `pg` driver (from the call to its result) by statement, and nodemailer's sendMail (from the
 * call to the SMTP server's answer), and writes { what: { n, ms } } to $BENCH_TIMING at exit.
 */
const fs = require('fs');
const { Client } = require('pg');

const stats = {};
const record = (key, started) => {
  const s = (stats[key] ??= { n: 0, ms: 0 });
  s.n += 1;
  s.ms += Number(process.hrtime.bigint() - started) / 1e6;
};
const Mailer = require('nodemailer/lib/mailer');
const sendMail = Mailer.prototype.sendMail;
Mailer.prototype.sendMail = function timedSendMail(data, callback) {
  const started = process.hrtime.bigint();
  if (callback) return sendMail.call(this, data, (err, info) => (record('nodemailer sendMail', started), callback(err, info)));
  const result = sendMail.call(this, data);
  result.then(
    () => record('nodemailer sendMail', started),
    () => record('nodemailer sendMail', started),
  );
  return result;
};
const query = Client.prototype.query;
Client.prototype.query = function timedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (typeof text !== 'string') return query.call(this, config, values, callback);
  const key = text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+(, \$\d+)*/g, '$n')
    .slice(0, 140);
  const started = process.hrtime.bigint();
  const done = () => record(key, started);
  const cb = typeof values === 'function' ? values : callback;
  if (cb) {
    const wrapped = (err, res) => (done(), cb(err, res));
    return typeof values === 'function' ? query.call(this, config, wrapped) : query.call(this, config, values, wrapped);
  }
  const result = query.call(this, config, values);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};
process.on('exit', () => {
  if (process.env.BENCH_TIMING) fs.writeFileSync(process.env.BENCH_TIMING, JSON.stringify(stats, null, 1));
});
