package games.analytics.model;

import java.time.LocalDate;

/** A release date as precise as the file gave it: "Oct 21, 2008" is a day, "May 2020" is a month. */
public record ReleaseDate(LocalDate date, Precision precision) {
    public enum Precision { day, month }
}
