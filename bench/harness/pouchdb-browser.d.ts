// The little of PouchDB's API the bench uses (PouchDB ships no types; @types/pouchdb lags its versions).
declare module 'pouchdb-browser' {
  namespace PouchDB {
    interface Database {
      info(): Promise<{ doc_count: number }>;
      destroy(): Promise<void>;
    }
    interface ReplicationResult {
      docs_read: number;
      docs_written: number;
      errors: unknown[];
    }
  }
  const PouchDB: {
    new (name: string, options?: { skip_setup?: boolean }): PouchDB.Database;
    replicate(source: PouchDB.Database, target: PouchDB.Database, options?: { batch_size?: number; batches_limit?: number; checkpoint?: 'source' | 'target' | false }): Promise<PouchDB.ReplicationResult>;
  };
  export default PouchDB;
}
