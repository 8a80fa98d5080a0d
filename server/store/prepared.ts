/**
 * Statements with parameters as named prepared statements, on either database: parsed and planned
 * once per connection, then run by name. The names follow the text, one name per text. Scripts
 * without parameters (migrations, several statements in one string) cannot be prepared and are
 * run as they are.
 */
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type pg from 'pg';

/** More distinct statements than the store's code holds: past it, a text is run unprepared. */
const MAX_PREPARED = 500;

/** A name for each text, `cs0`, `cs1`, ..., or undefined once MAX_PREPARED texts have one. */
function statementNames(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `cs${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
}

/**
 * PostgreSQL through `pg`: the query for `sql`, named when it has parameters. `pg` then parses it
 * once per connection, and PostgreSQL skips parsing and planning it again: a booking costs the
 * database about a quarter less CPU (docs/benchmarks.md).
 */
export function namedQueries(): (sql: string, params?: readonly unknown[]) => pg.QueryConfig {
  const nameOf = statementNames();
  return (sql, params) => {
    if (!params) return { text: sql };
    const name = nameOf(sql);
    return name === undefined ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] };
  };
}

/** What a prepared statement on PGlite needs: its name and the type (OID) of each parameter. */
interface PgliteStatement {
  name: string;
  types: number[];
}

/**
 * PGlite: runs `sql` with `params` as a prepared statement over its wire protocol, preparing it on
 * first use. PGlite's own `query()` parses, describes and plans a statement on every call (six
 * exchanges with the WebAssembly backend); a prepared one runs in one (bind, describe, execute,
 * sync), and a booking costs about a quarter less CPU (docs/benchmarks.md). Values and rows go
 * through PGlite's own serializers (chosen by the parameter types PostgreSQL inferred) and parsers,
 * as in its `query()`. Only for calls that have PGlite's one connection to themselves
 * (store/database.ts queues them): the wire protocol takes no lock of its own.
 */
export function preparedOnPglite(
  db: PGlite,
): <Row>(sql: string, params: readonly unknown[]) => Promise<Row[]> {
  const nameOf = statementNames();
  const statements = new Map<string, PgliteStatement>();
  const { serialize } = protocol;
  return async <Row>(sql: string, params: readonly unknown[]) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      const name = nameOf(sql);
      if (name === undefined) return (await db.query<Row>(sql, [...params])).rows;
      const described = await db.execProtocol(
        messages(
          serialize.parse({ name, text: sql }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ),
      );
      // Kept only once PostgreSQL has parsed it: a text that fails to parse throws above.
      statement = { name, types: parse.parseDescribeStatementResults(described.messages) };
      statements.set(sql, statement);
    }
    const { types } = statement;
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[types[index] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const ran = await db.execProtocol(
      messages(
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ),
    );
    return (parse.parseResults(ran.messages, db.parsers)[0]?.rows ?? []) as Row[];
  };
}

/** Protocol messages one after another in one buffer: the backend reads them in order. */
function messages(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
