import type { Check } from '../engine/check.ts'
import budgetAgentBodyLines from './budget-agent-body-lines.ts'
import budgetDescriptionTokens from './budget-description-tokens.ts'
import budgetSkillBodyLines from './budget-skill-body-lines.ts'
import catalogConsistent from './catalog-consistent.ts'
import contentDirectiveDensity from './content-directive-density.ts'
import contentNoSleepPolling from './content-no-sleep-polling.ts'
import contractsExampleValid from './contracts-example-valid.ts'
import fileEncoding from './file-encoding.ts'
import fileJsonSyntax from './file-json-syntax.ts'
import fileNameNotLoaded from './file-name-not-loaded.ts'
import fileTooLarge from './file-too-large.ts'
import fileUnreadable from './file-unreadable.ts'
import frontmatterEmptyTools from './frontmatter-empty-tools.ts'
import frontmatterForeignKey from './frontmatter-foreign-key.ts'
import frontmatterMissing from './frontmatter-missing.ts'
import frontmatterMisspeltKey from './frontmatter-misspelt-key.ts'
import frontmatterMultilineDescription from './frontmatter-multiline-description.ts'
import frontmatterSchema from './frontmatter-schema.ts'
import frontmatterUnknownKey from './frontmatter-unknown-key.ts'
import frontmatterUnknownModel from './frontmatter-unknown-model.ts'
import frontmatterYamlStrict from './frontmatter-yaml-strict.ts'
import frontmatterYamlSyntax from './frontmatter-yaml-syntax.ts'
import indexMarkers from './index-markers.ts'
import indexStale from './index-stale.ts'
import mcpServerConfig from './mcp-server-config.ts'
import memoryImportDepth from './memory-import-depth.ts'
import memoryImportMissing from './memory-import-missing.ts'
import memoryRulePaths from './memory-rule-paths.ts'
import memorySize from './memory-size.ts'
import namesAgentNameFormat from './names-agent-name-format.ts'
import namesAgentNameMatchesFile from './names-agent-name-matches-file.ts'
import namesAgentNameStyle from './names-agent-name-style.ts'
import namesNoDuplicate from './names-no-duplicate.ts'
import namesSkillNameMatchesDir from './names-skill-name-matches-dir.ts'
import pluginComponentsInManifestFolder from './plugin-components-in-manifest-folder.ts'
import pluginHookScript from './plugin-hook-script.ts'
import pluginHooks from './plugin-hooks.ts'
import pluginLspServers from './plugin-lsp-servers.ts'
import pluginManifest from './plugin-manifest.ts'
import pluginMarketplace from './plugin-marketplace.ts'
import pluginMarketplaceNameMismatch from './plugin-marketplace-name-mismatch.ts'
import pluginMonitors from './plugin-monitors.ts'
import pluginPaths from './plugin-paths.ts'
import pluginUnknownField from './plugin-unknown-field.ts'
import pluginUserConfigShellHook from './plugin-user-config-shell-hook.ts'
import refsBrokenLink from './refs-broken-link.ts'
import refsLegacyTool from './refs-legacy-tool.ts'
import refsMissingAgentTool from './refs-missing-agent-tool.ts'
import refsMissingSkillTool from './refs-missing-skill-tool.ts'
import refsPermissionRuleInTools from './refs-permission-rule-in-tools.ts'
import refsUnknownAgent from './refs-unknown-agent.ts'
import refsUnknownForkAgent from './refs-unknown-fork-agent.ts'
import refsUnknownSkill from './refs-unknown-skill.ts'
import refsUnknownSkillMention from './refs-unknown-skill-mention.ts'
import refsUnknownTool from './refs-unknown-tool.ts'
import securityBypassPermissions from './security-bypass-permissions.ts'
import securityInheritsAllTools from './security-inherits-all-tools.ts'
import securityMcpCommand from './security-mcp-command.ts'
import securityReadOnlyWrites from './security-read-only-writes.ts'
import securityRemoteCodeHook from './security-remote-code-hook.ts'
import securitySecret from './security-secret.ts'
import settingsHookMatcher from './settings-hook-matcher.ts'
import settingsHookMatcherIgnored from './settings-hook-matcher-ignored.ts'
import settingsHookScript from './settings-hook-script.ts'
import settingsHookUnsupportedType from './settings-hook-unsupported-type.ts'
import settingsPermissionRule from './settings-permission-rule.ts'
import settingsSchema from './settings-schema.ts'
import settingsUnknownKey from './settings-unknown-key.ts'
import skillsAgentWithoutFork from './skills-agent-without-fork.ts'
import skillsDescriptionLength from './skills-description-length.ts'
import skillsNeverRuns from './skills-never-runs.ts'
import skillsPortable from './skills-portable.ts'
import stylesFrontmatter from './styles-frontmatter.ts'
import stylesPluginOnlyKey from './styles-plugin-only-key.ts'
import toolsMainThreadOnly from './tools-main-thread-only.ts'
import toolsRoleNeedsWrite from './tools-role-needs-write.ts'
import toolsShadowedByBash from './tools-shadowed-by-bash.ts'

/** Every check, sorted by id (a test keeps it sorted and in step with the files in this folder). */
export const checks: readonly Check[] = [
  budgetAgentBodyLines,
  budgetDescriptionTokens,
  budgetSkillBodyLines,
  catalogConsistent,
  contentDirectiveDensity,
  contentNoSleepPolling,
  contractsExampleValid,
  fileEncoding,
  fileJsonSyntax,
  fileNameNotLoaded,
  fileTooLarge,
  fileUnreadable,
  frontmatterEmptyTools,
  frontmatterForeignKey,
  frontmatterMissing,
  frontmatterMisspeltKey,
  frontmatterMultilineDescription,
  frontmatterSchema,
  frontmatterUnknownKey,
  frontmatterUnknownModel,
  frontmatterYamlStrict,
  frontmatterYamlSyntax,
  indexMarkers,
  indexStale,
  mcpServerConfig,
  memoryImportDepth,
  memoryImportMissing,
  memoryRulePaths,
  memorySize,
  namesAgentNameFormat,
  namesAgentNameMatchesFile,
  namesAgentNameStyle,
  namesNoDuplicate,
  namesSkillNameMatchesDir,
  pluginComponentsInManifestFolder,
  pluginHookScript,
  pluginHooks,
  pluginLspServers,
  pluginManifest,
  pluginMarketplace,
  pluginMarketplaceNameMismatch,
  pluginMonitors,
  pluginPaths,
  pluginUnknownField,
  pluginUserConfigShellHook,
  refsBrokenLink,
  refsLegacyTool,
  refsMissingAgentTool,
  refsMissingSkillTool,
  refsPermissionRuleInTools,
  refsUnknownAgent,
  refsUnknownForkAgent,
  refsUnknownSkill,
  refsUnknownSkillMention,
  refsUnknownTool,
  securityBypassPermissions,
  securityInheritsAllTools,
  securityMcpCommand,
  securityReadOnlyWrites,
  securityRemoteCodeHook,
  securitySecret,
  settingsHookMatcher,
  settingsHookMatcherIgnored,
  settingsHookScript,
  settingsHookUnsupportedType,
  settingsPermissionRule,
  settingsSchema,
  settingsUnknownKey,
  skillsAgentWithoutFork,
  skillsDescriptionLength,
  skillsNeverRuns,
  skillsPortable,
  stylesFrontmatter,
  stylesPluginOnlyKey,
  toolsMainThreadOnly,
  toolsRoleNeedsWrite,
  toolsShadowedByBash,
]
