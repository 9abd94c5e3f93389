import pkg from '../../../package.json' with { type: 'json' }

/** `owner/name` of the GitHub repository in package.json `repository` (a string or `{ url }`, with or without `git+`/`.git`). */
export function repositorySlug(repository: unknown): string | null {
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url
  if (typeof url !== 'string') return null
  const m = /github\.com[/:]([^/\s]+)\/([^/\s#]+?)(?:\.git)?(?:[/#].*)?$/.exec(url) ?? /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url)
  return m ? `${m[1]}/${m[2]}` : null
}

const slug = repositorySlug(pkg.repository)

/** Where a rule's page lives: `docs/rules/<id>.md` on the default branch of the project's repository. */
export function ruleDocsUrl(ruleId: string): string | undefined {
  return slug ? `https://github.com/${slug}/blob/main/docs/rules/${ruleId}.md` : undefined
}

/** The project's home page, for SARIF `informationUri`. */
export const homepageUrl: string | undefined = slug ? `https://github.com/${slug}` : undefined

export const toolVersion: string = pkg.version
