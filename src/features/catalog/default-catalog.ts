import type { NewProduct, NewTrack, Requirement } from './catalog.js';

/**
 * The catalog every tenant starts with, after the admin-portal articles in the seeds: Voice licenses need
 * numbers, mobile data needs an active Voice license, the contact centre is a standalone add-on. US and
 * Canadian users also need an emergency (E911) address for a voice license. Prices are the provider's monthly
 * list prices per seat (Swedish kronor, in öre).
 */
export const defaultTracks: NewTrack[] = [
  { key: 'voice', name: 'Voice', exclusive: true, position: 1 },
  { key: 'mobile-data', name: 'Mobile data', exclusive: true, position: 2 },
  { key: 'contact-centre', name: 'Contact centre', exclusive: false, position: 3 },
];

const emergency: Requirement = { kind: 'emergency_address', countries: ['US', 'CA'] };

export const defaultProducts: NewProduct[] = [
  {
    key: 'basic',
    price: { monthlyMinor: 14900, currency: 'SEK' },
    name: 'Basic',
    track: 'voice',
    position: 1,
    includes: [
      'Fixed phone number',
      'Softphone and desktop app',
      'Voicemail',
      'Call forwarding',
      'Call history',
    ],
    requirements: [{ kind: 'fixed_number' }, emergency],
  },
  {
    key: 'business-mobile',
    price: { monthlyMinor: 34900, currency: 'SEK' },
    name: 'Business Mobile',
    track: 'voice',
    position: 2,
    includes: [
      'Fixed phone number',
      'Mobile subscription',
      'Softphone and desktop app',
      'Voicemail',
      'Call forwarding',
      'Call history',
      'One number on fixed and mobile',
    ],
    requirements: [{ kind: 'fixed_number' }, { kind: 'mobile_number' }, emergency],
  },
  {
    key: 'unlimited-5g',
    price: { monthlyMinor: 24900, currency: 'SEK' },
    name: 'Unlimited 5G',
    track: 'mobile-data',
    position: 1,
    includes: ['Unlimited mobile data', '5G network access', 'EU roaming'],
    requirements: [{ kind: 'active_license_in_track', track: 'voice' }],
  },
  {
    key: 'cc-pro',
    price: { monthlyMinor: 19900, currency: 'SEK' },
    name: 'CC Pro',
    track: 'contact-centre',
    position: 1,
    includes: ['Contact centre queues', 'Agent statistics', 'Call recording'],
    requirements: [],
  },
];
