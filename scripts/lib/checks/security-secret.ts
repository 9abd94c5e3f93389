// A credential committed in a pack is published to every user and to the model that reads the file.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { findSecrets, maskSecret } from '../model/secrets.ts'

export default defineCheck({
  id: 'security/secret',
  description: 'API keys, tokens, private keys and credentials in URLs in any checked file',
  rationale:
    "Agent, skill and command files are sent to the model as prompts and shipped to everyone who installs the pack, so a key written there is leaked twice: to the repository and to each conversation. Detection uses secretlint's recommended preset (`@secretlint/secretlint-rule-preset-recommend`, offline rules for AWS, GCP, GitHub, GitLab, Slack, npm, OpenAI, Anthropic, private keys, database URLs and more); messages show only the first characters of a secret. Rotate a key that was ever committed.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'plugin-manifest', 'marketplace', 'hooks', 'catalog', 'markdown', 'settings'],
  messages: {
    secret:
      'Unexpected {{label}} `{{masked}}`, expected no credentials in the file (read it from an environment variable or a secret store, and rotate this one)',
  },
  check({ file, report }) {
    for (const secret of findSecrets(file.text, file.path)) {
      report({
        messageId: 'secret',
        data: { label: secret.label, masked: maskSecret(file.text.slice(secret.start, secret.end)) },
        at: offsetSpan(file, secret.start, secret.end),
      })
    }
  },
})
