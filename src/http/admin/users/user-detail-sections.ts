import { userLicensesSection } from '../assignments/user-licenses-section.js';
import { onboardingEmailSection } from '../webhooks/onboarding-email-section.js';
import type { UserDetailSection } from './user-detail-section.js';

/**
 * The extension point of the single-user responses: the sections each one carries after the user and their
 * groups, in this order. A feature appends its sections here (each made with `userDetailSection()`), and nothing
 * else in the users routes changes. Licensing's one section, `licenses`, holds the user's assignments, numbers
 * and conflicts together.
 */
export const userDetailSections: readonly UserDetailSection[] = [userLicensesSection, onboardingEmailSection];
