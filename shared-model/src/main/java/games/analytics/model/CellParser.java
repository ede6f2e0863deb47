package games.analytics.model;

/** Turns one CSV cell into the Java value of its column. */
@FunctionalInterface
public interface CellParser {
    /**
     * @return the value (null only for nullable columns)
     * @throws CellException with a short reason when the cell cannot be stored without mangling it
     */
    Object parse(String cell) throws CellException;
}
