// Pseudonyms for organisations: two words and a number, meaningless on purpose.
import { randomInt } from "node:crypto";

const ADJECTIVES = [
  "Amber", "Azure", "Birch", "Cedar", "Cobalt", "Coral", "Crimson", "Dawn", "Ember", "Fern",
  "Frost", "Granite", "Harbor", "Indigo", "Ivory", "Jade", "Juniper", "Linden", "Lunar", "Maple",
  "Meadow", "Misty", "Nordic", "Oak", "Onyx", "Opal", "Pine", "Quartz", "River", "Sable",
  "Saffron", "Silver", "Slate", "Solar", "Spruce", "Stone", "Swift", "Tidal", "Umber", "Willow",
];
const NOUNS = [
  "Falcon", "Heron", "Lynx", "Otter", "Sparrow", "Crane", "Fox", "Owl", "Wren", "Badger",
  "Beacon", "Bridge", "Compass", "Lantern", "Harbour", "Anchor", "Meadow", "Summit", "Delta", "Ridge",
  "Kestrel", "Marten", "Puffin", "Raven", "Swallow", "Tern", "Bison", "Elk", "Hare", "Ibis",
];

export function generateCodename(): string {
  const a = ADJECTIVES[randomInt(ADJECTIVES.length)];
  const n = NOUNS[randomInt(NOUNS.length)];
  return `${a} ${n} ${randomInt(10, 100)}`;
}
