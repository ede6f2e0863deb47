package games.analytics.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The parsing rules for CSV cells, one per kind of content found in real Steam exports (dates: {@link ReleaseDates}). */
public final class Cells {

    private Cells() {
    }

    public static String text(String cell) {
        return cell == null ? "" : cell;
    }

    public static CellParser integer(long max) {
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            if (s.isEmpty()) {
                throw new CellException("empty, a whole number is required");
            }
            return wholeNumber(s, max);
        };
    }

    public static CellParser nullableInteger(long max) {
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            return s.isEmpty() ? null : wholeNumber(s, max);
        };
    }

    private static Long wholeNumber(String s, long max) throws CellException {
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CellException("cannot parse \"" + clip(s) + "\" as a whole number");
        }
        if (value < 0 || value > max) {
            throw new CellException(value + " is outside 0.." + max);
        }
        return value;
    }

    /** Exact decimal with at most {@code scale} fraction digits: 19.99 stays 19.99, 0.0 is 0. */
    public static CellParser decimal(int precision, int scale) {
        BigDecimal limit = BigDecimal.TEN.pow(precision - scale);
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            if (s.isEmpty()) {
                throw new CellException("empty, a decimal number is required");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new CellException("cannot parse \"" + clip(s) + "\" as a decimal number");
            }
            if (value.signum() < 0 || value.compareTo(limit) >= 0) {
                throw new CellException(s + " is outside 0.." + limit);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > scale) {
                throw new CellException(s + " has more than " + scale + " decimal places");
            }
            return value.setScale(scale); // exact: only trailing zeros are added or dropped
        };
    }

    /** TRUE/FALSE (sheet export) and True/False (upstream). */
    public static Boolean bool(String cell) throws CellException {
        String s = cell == null ? "" : cell.strip();
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new CellException("cannot parse \"" + clip(s) + "\" as true/false");
    }

    /** Comma-joined without spaces: "Casual,Indie,Sports". */
    public static List<String> commaList(String cell) {
        List<String> items = new ArrayList<>();
        if (cell == null) {
            return items;
        }
        for (String part : cell.split(",")) {
            String item = part.strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    /**
     * A Python list literal: ['English', 'Spanish - Spain'], ["K'iche'"], [] or an empty cell.
     * Bare items (upstream writes K'iche' unquoted) run to the next comma.
     */
    public static List<String> pythonList(String cell) throws CellException {
        String s = cell == null ? "" : cell.strip();
        List<String> items = new ArrayList<>();
        if (s.isEmpty()) {
            return items;
        }
        if (s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            throw new CellException("\"" + clip(s) + "\" is not a list like ['English', 'French']");
        }
        int i = skipSpaces(s, 1);
        int end = s.length() - 1;
        if (i == end) {
            return items;
        }
        while (true) {
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') { // upstream has bare items such as K'iche'
                int comma = s.indexOf(',', i);
                int stop = comma < 0 ? end : comma;
                items.add(s.substring(i, stop).strip());
                if (comma < 0) {
                    return items;
                }
                i = skipSpaces(s, comma + 1);
                continue;
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (i < end && s.charAt(i) != quote) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char next = s.charAt(++i);
                    item.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    item.append(c);
                }
                i++;
            }
            if (i >= end) {
                throw new CellException("unterminated list item in \"" + clip(s) + "\"");
            }
            items.add(item.toString());
            i = skipSpaces(s, i + 1);
            if (i == end) {
                return items;
            }
            if (s.charAt(i) != ',') {
                throw new CellException("expected ',' at " + i + " of \"" + clip(s) + "\"");
            }
            i = skipSpaces(s, i + 1);
            if (i == end) { // trailing comma, as Python allows
                return items;
            }
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Reasons quote the cell; keep them short for very long cells. */
    static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
