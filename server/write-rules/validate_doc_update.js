/*
 * The write rules CouchDB (and PouchDB Server) run on every write to a scope database.
 * Plain ES5 with no modules: provisioning (write-rules.ts) puts this file inside the
 * design document's validate_doc_update, after `var RULES = <JSON>`, the tables derived
 * from the document-type registry (src/domain/doc-types) and the database's own name.
 * Reasons are catalogue keys
 * (`srv.*`) the app translates for the person whose write was refused.
 */
/* global RULES */
/* exported validate */
function validate(newDoc, oldDoc, userCtx) {
  var roles = userCtx.roles || [];
  function has(role) {
    return roles.indexOf(role) !== -1;
  }
  function deny(key) {
    throw { forbidden: key };
  }
  function hasAny(list) {
    for (var i = 0; i < list.length; i++) if (has(list[i])) return true;
    return false;
  }
  if (has('_admin')) return;
  if (newDoc._id.indexOf('_design/') === 0) deny('srv.forbidden');

  var staff = hasAny(RULES.staffRoles);
  var type = newDoc._deleted ? oldDoc && oldDoc.type : newDoc.type;
  if (typeof type !== 'string' || !RULES.types.hasOwnProperty(type)) deny('srv.badDocument');
  var rules = RULES.types[type];
  if (!hasAny(rules.writers)) deny('srv.roleMayNotWrite');

  // A participant writes only about themselves (their role names their key), and only
  // the values their type allows them (asking for a ride, not confirming it).
  if (!staff) {
    var self = null;
    for (var j = 0; j < roles.length; j++) if (roles[j].indexOf(RULES.selfRolePrefix) === 0) self = roles[j].slice(RULES.selfRolePrefix.length);
    var about = newDoc._deleted ? oldDoc && oldDoc.participantId : newDoc.participantId;
    if (!self || about !== RULES.participantIdPrefix + self) deny('srv.notYours');
    if (!newDoc._deleted) {
      for (var field in rules.participantValues) {
        if (rules.participantValues.hasOwnProperty(field) && rules.participantValues[field].indexOf(newDoc[field]) === -1) deny('srv.roleMayNotWrite');
      }
    }
  }

  if (newDoc._deleted) {
    if (rules.appendOnly) deny('srv.appendOnly');
    if (!staff) deny('srv.forbidden');
    return;
  }
  if (rules.appendOnly && oldDoc && !oldDoc._deleted) deny('srv.appendOnly');
  // Ids as the schemas shape them: organisation, group:<key>, attendance:<session>:<participant>, …
  if (!new RegExp('^' + type + '(:' + RULES.keySource + '){' + rules.idKeys + '}$').test(newDoc._id)) deny('srv.badDocument');
  if (typeof newDoc.schemaVersion !== 'number' || typeof newDoc.scope !== 'string') deny('srv.badDocument');
  // The database's own name is baked in: PouchDB Server leaves `userCtx.db` unset.
  if (newDoc.scope !== RULES.db) deny('srv.wrongScope');
  if (typeof newDoc.createdAt !== 'string' || typeof newDoc.updatedAt !== 'string') deny('srv.badDocument');
  if (oldDoc && !oldDoc._deleted) {
    if (newDoc.createdBy !== oldDoc.createdBy || newDoc.createdAt !== oldDoc.createdAt) deny('srv.notAuthor');
  } else if (newDoc.createdBy !== userCtx.name) {
    deny('srv.notAuthor');
  }
  if (newDoc.updatedBy !== userCtx.name) deny('srv.notAuthor');
}
