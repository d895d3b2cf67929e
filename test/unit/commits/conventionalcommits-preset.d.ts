// The preset ships no types; the differential test needs only its parser options.
declare module 'conventional-changelog-conventionalcommits' {
  import type { ParserOptions } from 'conventional-commits-parser';

  export default function createPreset(config?: { issuePrefixes?: string[] }): { parser: ParserOptions };
}
