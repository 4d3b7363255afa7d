/*
 * The write rules CouchDB (and PouchDB Server) run on every write to a scope database.
 * Plain ES5 with no modules: provisioning (write-rules.ts) puts this file inside the
 * design document's validate_doc_update, after `var RULES = <JSON>`: the database's own
 * name and kind, and per type who may write it here and its fields' schema, derived from
 * the document-type registry (src/domain/doc-types) — the same zod schemas the device
 * checks with. Nothing here trusts `userCtx.db` (PouchDB Server leaves it unset).
 * Reasons are catalogue keys (`srv.*`) the app translates for the person refused.
 */
/* global RULES */
/* exported validate */
function validate(newDoc, oldDoc, userCtx) {
  var roles = userCtx.roles || [];
  function has(role) {
    return roles.indexOf(role) !== -1;
  }
  function hasAny(list) {
    for (var i = 0; i < list.length; i++) if (has(list[i])) return true;
    return false;
  }
  function deny(key) {
    throw { forbidden: key };
  }
  function keyOf(id) {
    return typeof id === 'string' ? id.slice(id.lastIndexOf(':') + 1) : '';
  }

  /** Whether a value fits the (JSON Schema) part of its type's zod schema the server can check. */
  function fits(value, schema) {
    var t = schema.type;
    var isArray = Object.prototype.toString.call(value) === '[object Array]';
    if (t === 'string' && typeof value !== 'string') return false;
    if (t === 'number' && (typeof value !== 'number' || !isFinite(value))) return false;
    if (t === 'integer' && (typeof value !== 'number' || Math.floor(value) !== value)) return false;
    if (t === 'boolean' && typeof value !== 'boolean') return false;
    if (t === 'array' && !isArray) return false;
    if (t === 'object' && (value === null || typeof value !== 'object' || isArray)) return false;
    if (schema.hasOwnProperty('const') && value !== schema['const']) return false;
    if (schema['enum'] && schema['enum'].indexOf(value) === -1) return false;
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) return false;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
      if (schema.pattern !== undefined && !new RegExp(RULES.patterns[schema.pattern]).test(value)) return false;
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) return false;
      if (schema.maximum !== undefined && value > schema.maximum) return false;
    }
    if (isArray) {
      if (schema.minItems !== undefined && value.length < schema.minItems) return false;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
      if (schema.items) for (var i = 0; i < value.length; i++) if (!fits(value[i], schema.items)) return false;
    }
    if (t === 'object') {
      var props = schema.properties || {};
      var required = schema.required || [];
      for (var r = 0; r < required.length; r++) if (value[required[r]] === undefined) return false;
      var more = schema.additionalProperties;
      for (var name in value) {
        if (!value.hasOwnProperty(name)) continue;
        if (props.hasOwnProperty(name)) {
          if (!fits(value[name], props[name])) return false;
        } else if (more === false) {
          return false;
        } else if (more && typeof more === 'object' && more.type && !fits(value[name], more)) {
          return false;
        }
      }
    }
    return true;
  }

  if (has('_admin')) return;
  if (newDoc._id.indexOf('_design/') === 0) deny('srv.forbidden');

  var type = newDoc._deleted ? oldDoc && oldDoc.type : newDoc.type;
  if (typeof type !== 'string' || RULES.known.indexOf(type) === -1) deny('srv.badDocument');
  if (!RULES.types.hasOwnProperty(type)) deny('srv.roleMayNotWrite');
  var rules = RULES.types[type];
  if (!hasAny(rules.writers)) deny('srv.roleMayNotWrite');

  // In a participant's database the participant writes only about themselves, and only the
  // values their type allows them (asking for a ride, not confirming it).
  if (RULES.kind === 'participant') {
    var about = newDoc._deleted ? oldDoc && oldDoc.participantId : newDoc.participantId;
    if (about !== RULES.participantId) deny('srv.notYours');
    if (newDoc._deleted) deny('srv.forbidden');
    for (var field in rules.participantValues) {
      if (rules.participantValues.hasOwnProperty(field) && rules.participantValues[field].indexOf(newDoc[field]) === -1) deny('srv.roleMayNotWrite');
    }
  }

  if (newDoc._deleted) {
    if (rules.appendOnly) deny('srv.appendOnly');
    // A participant's record goes only by the controller's erasure (the server, an admin):
    // every device takes its deletion as one and removes everything about the person.
    if (rules.deletedByServerOnly) deny('srv.forbidden');
    return;
  }
  if (rules.appendOnly && oldDoc && !oldDoc._deleted) deny('srv.appendOnly');
  // Ids as the schemas shape them: organisation, group:<key>, attendance:<session>:<participant>, …
  if (!new RegExp('^' + type + '(:' + RULES.keySource + '){' + rules.idKeys + '}$').test(newDoc._id)) deny('srv.badDocument');
  if (newDoc.scope !== RULES.db) deny('srv.wrongScope');
  // The document as the domain sees it (CouchDB's `_id` is its `id`), checked field by field.
  var doc = { id: newDoc._id };
  for (var k in newDoc) if (newDoc.hasOwnProperty(k) && k.charAt(0) !== '_') doc[k] = newDoc[k];
  if (!fits(doc, rules.fields)) deny('srv.badDocument');
  if (rules.pairRef && newDoc._id !== type + ':' + keyOf(doc[rules.pairRef]) + ':' + keyOf(doc.participantId)) deny('srv.badDocument');
  if (oldDoc && !oldDoc._deleted) {
    if (newDoc.createdBy !== oldDoc.createdBy || newDoc.createdAt !== oldDoc.createdAt) deny('srv.notAuthor');
  } else if (newDoc.createdBy !== userCtx.name) {
    deny('srv.notAuthor');
  }
  if (newDoc.updatedBy !== userCtx.name) deny('srv.notAuthor');
}
