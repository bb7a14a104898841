import fp from 'fastify-plugin'
import { loadSecret } from '../tokens/loadSecret.ts'
import { TokenSigner } from '../tokens/TokenSigner.ts'

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenSigner
  }
}

/** Signs and checks join tokens with the configured secret or the one kept in the data dir. */
export const tokensPlugin = fp(
  async (app) => {
    const loaded = loadSecret(app.config.dataDir, app.config.secret)
    if (loaded.warning !== undefined) app.log.warn(loaded.warning)
    if (loaded.source === 'generated') app.log.info('generated a new token secret in the data dir')
    app.decorate('tokens', new TokenSigner(loaded.secret))
  },
  { name: 'mapboard-tokens', fastify: '5.x', dependencies: ['mapboard-config'] },
)
