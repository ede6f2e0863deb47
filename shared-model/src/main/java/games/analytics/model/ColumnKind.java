package games.analytics.model;

/** What a column holds; decides how filters match and how values are written out. */
public enum ColumnKind {
    /** Whole number; filters match exactly. */
    INTEGER,
    /** Exact decimal (price); filters match exactly. */
    DECIMAL,
    /** Calendar date, written as YYYY-MM-DD; filters match exactly. */
    DATE,
    /** true/false, stored as UInt8 because ClickHouse 18.16 has no Bool. */
    BOOLEAN,
    /** Free text; filters match as case-insensitive substrings. */
    TEXT,
    /** Array of text; filters match when any element contains the value. */
    LIST
}
