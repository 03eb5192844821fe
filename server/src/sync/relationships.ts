/** The synced relationships and the directions the seed article allows (DESIGN.md, "Words"). */

export const RELATIONSHIP_NAMES = ['accounts', 'campaigns', 'opportunities', 'leads', 'contacts', 'custom-fields', 'lead-score', 'events'] as const;
export type RelationshipName = (typeof RELATIONSHIP_NAMES)[number];
export type Direction = 'pull' | 'push' | 'two-way';
export type ConflictRule = 'crm' | 'salesforce' | 'recent';

export interface Relationship {
  name: RelationshipName;
  /** Salesforce objects it touches; when more than one, each record names its `sobject`. */
  objects: readonly string[];
  direction: Direction;
}

export const RELATIONSHIPS: Record<RelationshipName, Relationship> = {
  accounts: { name: 'accounts', objects: ['Account'], direction: 'pull' },
  campaigns: { name: 'campaigns', objects: ['Campaign'], direction: 'two-way' },
  opportunities: { name: 'opportunities', objects: ['Opportunity'], direction: 'pull' },
  leads: { name: 'leads', objects: ['Lead'], direction: 'two-way' },
  contacts: { name: 'contacts', objects: ['Contact'], direction: 'two-way' },
  'custom-fields': { name: 'custom-fields', objects: ['Lead', 'Contact'], direction: 'two-way' },
  'lead-score': { name: 'lead-score', objects: ['Lead', 'Contact'], direction: 'push' },
  events: { name: 'events', objects: ['Event'], direction: 'push' },
};

/** Whether a relationship may move data the given way. */
export function allows(relationship: Relationship, way: 'push' | 'pull'): boolean {
  return relationship.direction === 'two-way' || relationship.direction === way;
}

export function isRelationshipName(value: string): value is RelationshipName {
  return (RELATIONSHIP_NAMES as readonly string[]).includes(value);
}
