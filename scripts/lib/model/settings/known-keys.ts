// The top-level settings keys Claude Code 2.1.332 defines, from schemas/settings.schema.json (taken from the CLI).
import settingsSchema from '../../../../schemas/settings.schema.json' with { type: 'json' }

export const knownSettingsKeys: ReadonlySet<string> = new Set(Object.keys(settingsSchema.properties))
