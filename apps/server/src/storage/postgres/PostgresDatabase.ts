import pg from 'pg'

/** Where a statement runs: the pool (a statement of its own) or a transaction's client. */
export type Sql = pg.Pool | pg.PoolClient

/**
 * BIGINT columns (times in ms, sequence numbers, counts) come back as numbers, not strings: every value the
 * stores keep is below 2^53. Given to the pool only, so no other user of `pg` in the process is affected.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

export interface TransactionOptions {
  /** A read-only snapshot of the whole database (REPEATABLE READ), for reads that must agree with each other. */
  readOnly?: boolean
}

/**
 * The connection pool every PostgreSQL store of one PostgresMapStore shares. `transaction` runs a function on one
 * client between BEGIN and COMMIT and resolves only after the COMMIT, which (with synchronous_commit on, set for
 * every connection) returns once the commit is flushed to the server's WAL.
 */
export class PostgresDatabase {
  readonly pool: pg.Pool

  constructor(connectionString: string, onIdleError: (error: Error) => void) {
    // The durability promise must not depend on how the server is configured: every connection commits
    // synchronously (a URL's own `options` parameter would replace this).
    this.pool = new pg.Pool({ connectionString, types, options: '-c synchronous_commit=on' })
    // A connection that breaks while idle (the server restarted) leaves the pool; the next query opens another.
    this.pool.on('error', onIdleError)
  }

  /** The rows of one statement run on its own. */
  async rows<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(text, values)).rows
  }

  async transaction<T>(run: (tx: pg.PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      await client.query(
        options.readOnly === true ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN',
      )
      const result = await run(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // A connection that cannot roll back is not handed out again.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
      })
      throw error
    } finally {
      client.release(broken)
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
