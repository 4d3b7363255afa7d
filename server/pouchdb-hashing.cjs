// Preloaded into PouchDB Server's process (couch-process.ts): passwords hashed as Apache
// CouchDB 3.5 hashes them, PBKDF2-SHA256 with 600,000 iterations, in Node's own crypto
// (off the event loop). pouchdb-auth 4.2.0 would hash with PBKDF2-SHA1, 10 iterations, in
// plain JavaScript that blocks the server (600,000 of those take seconds).
'use strict';
const crypto = require('node:crypto');
const utils = require('pouchdb-auth/lib/utils');

const ITERATIONS = 600000;
/** Hashes with fewer iterations are older ones (SHA-1), checked as they were made. */
const STRONG_FROM = 100000;
const legacy = utils.hashPassword;

// Basic auth checks the password on every request: the result is kept a while, keyed by an
// HMAC of the password under a key of this process only (as CouchDB's own auth cache does).
const cache = new Map();
const cacheKey = crypto.randomBytes(32);

utils.iterations = function (args) {
  return (args.opts && args.opts.iterations) || ITERATIONS;
};

utils.hashPassword = function (password, salt, iterations) {
  if (!(Number(iterations) >= STRONG_FROM)) return legacy(password, salt, iterations);
  const id = crypto.createHmac('sha256', cacheKey).update(`${salt}\u0000${iterations}\u0000${password}`).digest('base64');
  const hit = cache.get(id);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve, reject) => {
    crypto.pbkdf2(String(password), String(salt), Number(iterations), 32, 'sha256', (error, key) => {
      if (error) return reject(error);
      const hex = key.toString('hex');
      if (cache.size >= 1000) cache.delete(cache.keys().next().value);
      cache.set(id, hex);
      resolve(hex);
    });
  });
};
