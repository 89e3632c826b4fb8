import type { Product, Requirement } from '../catalog/catalog.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { Conflict } from './assignment.js';

/** What requirements are checked against: a user's actual state now, or their projected state on a date. */
export interface UserFacts {
  active: boolean;
  country: string;
  hasEmergencyAddress: boolean;
  numberKinds: ReadonlySet<NumberKind>;
  /** Track keys in which the user has a running license (active or removal scheduled). */
  activeTracks: ReadonlySet<string>;
}

function unmet(requirement: Requirement, facts: UserFacts, product: Product): string | null {
  switch (requirement.kind) {
    case 'fixed_number':
      return facts.numberKinds.has('fixed')
        ? null
        : 'needs a fixed (landline) number: assign one from the pool or add it to the contact details';
    case 'mobile_number':
      return facts.numberKinds.has('mobile')
        ? null
        : 'needs a mobile number: assign one from the pool or add it to the contact details';
    case 'active_license_in_track':
      return facts.activeTracks.has(requirement.track)
        ? null
        : `needs an active license in the ${product.trackNames[requirement.track] ?? requirement.track} track`;
    case 'emergency_address':
      return !requirement.countries.includes(facts.country) || facts.hasEmergencyAddress
        ? null
        : `needs an emergency address for users in ${facts.country}`;
    case 'sold_in_country':
      return requirement.countries.includes(facts.country)
        ? null
        : `is not sold in ${facts.country} (only ${requirement.countries.join(', ')})`;
  }
}

/** The product's requirements the user does not meet, and whether the user is inactive. */
export function checkRequirements(product: Product, facts: UserFacts): Conflict[] {
  const conflicts: Conflict[] = [];
  if (!facts.active) conflicts.push({ reason: 'user_inactive', message: 'The user is suspended or deleted' });
  for (const requirement of product.requirements) {
    const problem = unmet(requirement, facts, product);
    if (problem)
      conflicts.push({
        reason: `requirement_unmet:${requirement.kind}`,
        message: `${product.name} ${problem}`,
        requirement,
      });
  }
  return conflicts;
}
