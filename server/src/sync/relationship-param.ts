/** The `:relationship` path parameter: known (else 404) and allowed in the asked direction (else 409). */
import { Problem } from '../errors.ts';
import { allows, isRelationshipName, RELATIONSHIPS, type Relationship } from './relationships.ts';

/** The relationship a request names; unknown names are a 404 like any missing resource. */
export function relationshipParam(params: unknown): Relationship {
  const name = (params as { relationship?: unknown } | null)?.relationship;
  if (typeof name !== 'string' || !isRelationshipName(name)) {
    throw new Problem('NOT_FOUND', `No relationship ${String(name)}; known: ${Object.keys(RELATIONSHIPS).join(', ')}.`);
  }
  return RELATIONSHIPS[name];
}

/** The relationship, checked to move data `way`; checked before any validation so a refusal costs nothing. */
export function relationshipFor(params: unknown, way: 'push' | 'pull'): Relationship {
  const relationship = relationshipParam(params);
  if (!allows(relationship, way)) {
    const allowed = relationship.direction === 'pull' ? 'only pulled from Salesforce' : 'only pushed to Salesforce';
    throw new Problem('WRONG_DIRECTION', `${relationship.name} is ${allowed}; a ${way} is refused and costs no call.`, { relationship: relationship.name, direction: relationship.direction });
  }
  return relationship;
}
