/** Runes everywhere: no legacy reactive statements. */
export default {
  compilerOptions: { runes: true },
};
