package games.analytics.query;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** A date as precise as the request gave it: "2020" is the whole year, "2020-05" the month, "2020-05-17" a day. */
record DateInterval(LocalDate first, LocalDate last) {

    static DateInterval parse(String parameter, String text) {
        String s = text.strip();
        try {
            return switch (s.length()) {
                case 4 -> {
                    Year year = Year.parse(s);
                    yield new DateInterval(year.atDay(1), year.atMonth(12).atEndOfMonth());
                }
                case 7 -> {
                    YearMonth month = YearMonth.parse(s);
                    yield new DateInterval(month.atDay(1), month.atEndOfMonth());
                }
                case 10 -> {
                    LocalDate day = LocalDate.parse(s);
                    yield new DateInterval(day, day);
                }
                default -> throw new DateTimeParseException("length", s, 0);
            };
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, parameter + " takes a date as YYYY-MM-DD, YYYY-MM or YYYY, got \"" + text + "\"");
        }
    }
}
