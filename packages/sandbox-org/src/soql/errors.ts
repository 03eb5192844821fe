// Typed query errors. The compiler throws SoqlError internally (it is the simplest way to
// abandon a half-built parse); runSoql catches it and turns it into an { ok: false } result,
// so callers never see an exception for bad input.

/**
 * Error codes as Salesforce reports them on a 400 for /query. INVALID_QUERY_FILTER_OPERATOR
 * (bad Id literal) and NUMBER_OUTSIDE_VALID_RANGE (OFFSET > 2000) are what a real org answers.
 */
export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

export function malformed(message: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', message);
}

/** Salesforce's parser complaint, quoting the offending token ('<EOF>' at the end). */
export function unexpectedToken(text: string): SoqlError {
  return malformed(`unexpected token: '${text}'`);
}

export function unsupportedObject(name: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function noSuchColumn(field: string, entity: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Relationship paths (Owner.Name) are outside the subset; a real org says this for unknown ones. */
export function unknownRelationship(relationship: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** A literal of the wrong kind for the field, e.g. a quoted string against a dateTime field. */
export function wrongLiteralType(field: string, type: string, quoted: boolean): SoqlError {
  const quoting = quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  return new SoqlError('INVALID_FIELD', `value of filter criterion for field '${field}' must be of type ${type} and ${quoting}`);
}

/** A subquery naming no child relationship of the outer object. */
export function unknownChildRelationship(relationship: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}
