// Preloaded into the measured process: reports its own peak resident memory when it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\n@@peak-rss ${process.resourceUsage().maxRSS}\n`)
})
