/**
 * Write rules enforced by CouchDB itself. The function body runs inside CouchDB (or
 * PouchDB Server), so it is plain ES5 kept as a string. Reasons are catalogue keys
 * (`srv.*`) that the app translates for the person whose write was refused.
 */
export const VALIDATE_VERSION = 1;

const validate = `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  function deny(key) { throw({ forbidden: key }); }
  if (has('_admin')) return;
  if (newDoc._id.indexOf('_design/') === 0) deny('srv.forbidden');

  var staff = has('polku:instructor') || has('polku:coordinator');
  var type = newDoc._deleted ? (oldDoc && oldDoc.type) : newDoc.type;
  var writers = {
    organisation: ['polku:coordinator'],
    group: ['polku:coordinator'],
    participant: ['polku:coordinator', 'polku:instructor'],
    session: ['polku:coordinator', 'polku:instructor'],
    attendance: ['polku:coordinator', 'polku:instructor'],
    ride: ['polku:coordinator', 'polku:instructor', 'polku:participant'],
    note: ['polku:coordinator', 'polku:instructor'],
    planstep: ['polku:coordinator', 'polku:instructor'],
    goal: ['polku:coordinator', 'polku:instructor']
  };
  if (!type || !writers.hasOwnProperty(type)) deny('srv.badDocument');
  var allowed = false;
  for (var i = 0; i < writers[type].length; i++) if (has(writers[type][i])) allowed = true;
  if (!allowed) deny('srv.roleMayNotWrite');

  if (newDoc._deleted) {
    if (type === 'note') deny('srv.appendOnly');
    if (!staff) deny('srv.forbidden');
    return;
  }
  if (type === 'note' && oldDoc && !oldDoc._deleted) deny('srv.appendOnly');
  if (newDoc._id !== type && newDoc._id.indexOf(type + ':') !== 0) deny('srv.badDocument');
  if (typeof newDoc.schemaVersion !== 'number' || typeof newDoc.scope !== 'string') deny('srv.badDocument');
  if (userCtx.db && newDoc.scope !== userCtx.db) deny('srv.wrongScope');
  if (typeof newDoc.createdAt !== 'string' || typeof newDoc.updatedAt !== 'string') deny('srv.badDocument');
  if (oldDoc && !oldDoc._deleted) {
    if (newDoc.createdBy !== oldDoc.createdBy || newDoc.createdAt !== oldDoc.createdAt) deny('srv.notAuthor');
  } else if (newDoc.createdBy !== userCtx.name) {
    deny('srv.notAuthor');
  }
  if (newDoc.updatedBy !== userCtx.name) deny('srv.notAuthor');
}`;

export function designDocFor(): { _id: string; [k: string]: unknown } {
  return { _id: '_design/polku', polkuVersion: VALIDATE_VERSION, language: 'javascript', validate_doc_update: validate };
}

/** Who may read a group database: its staff, by role. */
export function groupSecurity(groupKey: string) {
  return {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [`polku:group:${groupKey}`] },
  };
}
