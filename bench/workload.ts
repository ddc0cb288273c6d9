import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, VOCABULARY, ZIPF_EXPONENT } from './vocabulary';

/** mulberry32: a small seeded generator, so every run sends the same workload. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Inverse CDF of a truncated power law on [1, N+1): rank r (1-based) comes out
 * with probability close to r^-s / H(N, s). The seed SQL uses the same formula.
 */
export function zipfRank(u: number, n = VOCABULARY.length, s = ZIPF_EXPONENT): number {
  const e = 1 - s;
  return Math.min(n, Math.floor(Math.pow(1 - u * (1 - Math.pow(n + 1, e)), 1 / e)));
}

/** The same draw as SQL, for the seed: `zipfSql('random()')` gives an integer rank expression. */
export function zipfSql(uniform: string, n = VOCABULARY.length, s = ZIPF_EXPONENT): string {
  const e = 1 - s;
  return `least(${n}, floor(power(1 - ${uniform} * (1 - power(${n + 1}, ${e})), ${1 / e}))::int)`;
}

export function arabicText(random: () => number, minWords = 5, maxWords = 12): string {
  const length = minWords + Math.floor(random() * (maxWords - minWords + 1));
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(VOCABULARY[zipfRank(random()) - 1]!);
  return words.join(' ');
}

export function arabicName(random: () => number): { name: string; gender: 'male' | 'female' } {
  const female = random() < 0.5;
  const firsts = female ? FEMALE_NAMES : MALE_NAMES;
  const first = firsts[Math.floor(random() * firsts.length)]!;
  const father = MALE_NAMES[Math.floor(random() * MALE_NAMES.length)]!;
  const family = FAMILY_NAMES[Math.floor(random() * FAMILY_NAMES.length)]!;
  return { name: `${first} ${father} ${family}`, gender: female ? 'female' : 'male' };
}

/** A Saudi mobile number as people type it: 05 then 8 digits. `index` < 10^7. */
export const localMobile = (prefix: '50' | '56', index: number) => `0${prefix}${String(index).padStart(7, '0')}`;
