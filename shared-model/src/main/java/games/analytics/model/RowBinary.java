package games.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * ClickHouse's RowBinary input format: each value in its column type's binary form, nothing to escape and
 * nothing for the server to parse. 18.16 and current releases read it alike. The writer of each column
 * follows from the ClickHouse type in the registry, so the DDL and the encoding cannot disagree.
 */
public final class RowBinary {

    /** Writes one non-null Java value (as {@link CellParser}s make them) in a column type's binary form. */
    @FunctionalInterface
    public interface ValueWriter {
        void write(Object value, RowBuffer out);
    }

    private RowBinary() {
    }

    /** Writes rows of the registry's values ({@link RowConverter#convert}) in storage order. */
    public static final class RowWriter {
        private final ValueWriter[] writers;

        public RowWriter(List<Column> columns) {
            writers = columns.stream().map(c -> writerFor(c.clickHouseType())).toArray(ValueWriter[]::new);
        }

        public void write(Object[] values, RowBuffer out) {
            for (int i = 0; i < writers.length; i++) {
                writers[i].write(values[i], out);
            }
        }
    }

    public static ValueWriter writerFor(String type) {
        if (type.startsWith("Nullable(")) {
            ValueWriter inner = writerFor(inside(type));
            return (value, out) -> {
                out.uint8(value == null ? 1 : 0);
                if (value != null) {
                    inner.write(value, out);
                }
            };
        }
        if (type.startsWith("Array(")) {
            ValueWriter inner = writerFor(inside(type));
            return (value, out) -> {
                List<?> items = (List<?>) value;
                out.varint(items.size());
                for (Object item : items) {
                    inner.write(item, out);
                }
            };
        }
        if (type.startsWith("Decimal(")) {
            return decimal(type);
        }
        return switch (type) {
            case "UInt8" -> (value, out) -> out.uint8(value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue());
            case "UInt16" -> (value, out) -> out.uint16(((Number) value).intValue());
            case "UInt32" -> (value, out) -> out.uint32(((Number) value).longValue());
            case "UInt64" -> (value, out) -> out.uint64(((Number) value).longValue());
            case "Date" -> (value, out) -> out.uint16((int) ((LocalDate) value).toEpochDay()); // days since 1970 (Cells keeps the range)
            case "String" -> (value, out) -> out.string((String) value);
            default -> throw new IllegalArgumentException("no RowBinary writer for the ClickHouse type " + type);
        };
    }

    /** Decimal(P, S) is its unscaled value in an Int32 (P <= 9) or Int64 (P <= 18). */
    private static ValueWriter decimal(String type) {
        String[] ps = inside(type).split(",");
        int precision = Integer.parseInt(ps[0].strip());
        int scale = Integer.parseInt(ps[1].strip());
        if (precision > 18) {
            throw new IllegalArgumentException("no RowBinary writer for the ClickHouse type " + type);
        }
        return (value, out) -> {
            long unscaled = ((BigDecimal) value).setScale(scale).unscaledValue().longValueExact();
            if (precision <= 9) {
                out.uint32(unscaled);
            } else {
                out.uint64(unscaled);
            }
        };
    }

    private static String inside(String type) {
        return type.substring(type.indexOf('(') + 1, type.lastIndexOf(')'));
    }
}
