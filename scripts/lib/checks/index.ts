import type { Check } from '../check.ts'
import fileEncoding from './file-encoding.ts'
import fileNameNotLoaded from './file-name-not-loaded.ts'
import fileTooLarge from './file-too-large.ts'
import fileUnreadable from './file-unreadable.ts'
import frontmatterEmptyTools from './frontmatter-empty-tools.ts'
import frontmatterForeignKey from './frontmatter-foreign-key.ts'
import frontmatterMissing from './frontmatter-missing.ts'
import frontmatterMultilineDescription from './frontmatter-multiline-description.ts'
import frontmatterSchema from './frontmatter-schema.ts'
import frontmatterUnknownKey from './frontmatter-unknown-key.ts'
import frontmatterUnknownModel from './frontmatter-unknown-model.ts'
import frontmatterYamlSyntax from './frontmatter-yaml-syntax.ts'

/** Every check, sorted by id (a test keeps it sorted and in step with the files in this folder). */
export const checks: readonly Check[] = [
  fileEncoding,
  fileNameNotLoaded,
  fileTooLarge,
  fileUnreadable,
  frontmatterEmptyTools,
  frontmatterForeignKey,
  frontmatterMissing,
  frontmatterMultilineDescription,
  frontmatterSchema,
  frontmatterUnknownKey,
  frontmatterUnknownModel,
  frontmatterYamlSyntax,
]
