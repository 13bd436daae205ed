// Starts dynalite (same options as its cli.js) so that it survives a client dropping a request mid-body. dynalite
// rethrows a request's 'aborted' error, which kills the process: a pod SIGKILLed during a DynamoDB call (the fault
// tests do exactly that) took the whole test stack's DynamoDB down with it, and every later test failed.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    console.error('dynalite: a client dropped a request: ' + err.message)
    return
  }
  throw err
})
require('./node_modules/dynalite/cli.js')
