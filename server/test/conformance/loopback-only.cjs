/**
 * Preloaded into the Salesforce CLI (NODE_OPTIONS=--require) by the conformance tests: the CLI may
 * connect only to this machine (the sandbox org or our API). Any other host — an update check,
 * telemetry, a release-notes fetch — is refused and written, one per line, to the file named by
 * CALLBUDGET_NET_LOG, which the tests assert is empty (and `<that file>.guarded` lists each process guarded).
 */
'use strict';
const dns = require('node:dns');
const net = require('node:net');
const { appendFileSync } = require('node:fs');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const log = process.env.CALLBUDGET_NET_LOG;
// Each guarded process says so, so the tests know an empty log means "nothing tried", not "no guard".
if (log) appendFileSync(`${log}.guarded`, `${process.pid}\n`);

/** The host a `socket.connect(...)` call names; undefined for a Unix socket or the default (localhost). */
function hostOf(args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first && typeof first === 'object') return first.path ? undefined : first.host;
  if (typeof first === 'number' || /^\d+$/.test(String(first))) return typeof second === 'string' ? second : undefined;
  return undefined; // a path: a Unix socket
}

function refuse(host) {
  if (log) appendFileSync(log, `${process.argv.slice(2).join(' ')} -> ${host}\n`);
  return Object.assign(new Error(`${host}: refused by the conformance tests (loopback only)`), { code: 'ECONNREFUSED' });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (host === undefined || LOOPBACK.has(host)) return connect.apply(this, args);
  const refused = refuse(host);
  process.nextTick(() => this.destroy(refused));
  return this;
};

// A name looked up is a query to the network's resolver even when nothing connects (a DNS check).
const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (LOOPBACK.has(host)) return lookup.call(this, host, ...rest);
  const callback = rest.at(-1);
  const refused = refuse(host);
  process.nextTick(() => callback(Object.assign(refused, { code: 'ENOTFOUND' })));
  return {};
};
const promisedLookup = dns.promises.lookup;
dns.promises.lookup = async function guardedPromisedLookup(host, ...rest) {
  if (LOOPBACK.has(host)) return promisedLookup.call(this, host, ...rest);
  throw Object.assign(refuse(host), { code: 'ENOTFOUND' });
};
