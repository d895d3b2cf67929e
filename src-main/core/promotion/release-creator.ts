import { tagSigner } from '../git/tags.js';
import type { TagDetails } from '../git/tags.js';
import { allowedSigners } from '../ledger/allowed-signers.js';

const SIGNATURE = /-----BEGIN (SSH|PGP) SIGNATURE-----/;

/**
 * Who made a release, as the approval gate's "not your own release" rule reads it: a signed tag's
 * signer (its allowed-signers principal, whoever the tagger field names), else the tagger, else —
 * a lightweight tag — the tagged commit's committer. Null when none is known.
 */
export async function releaseCreator(root: string, tag: TagDetails): Promise<string | null> {
  if (tag.annotated && SIGNATURE.test(tag.message)) {
    const { file } = await allowedSigners(root);
    const signer = file ? await tagSigner(root, tag.name, file) : null;
    if (signer) return signer;
  }
  return tag.taggerEmail ?? tag.committerEmail;
}
