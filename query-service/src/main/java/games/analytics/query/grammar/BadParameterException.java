package games.analytics.query.grammar;

/** A request parameter that cannot be turned into a query; answered as 400 problem+json naming it. */
public final class BadParameterException extends RuntimeException {
    private final String parameter;

    public BadParameterException(String parameter, String detail) {
        super(detail, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
