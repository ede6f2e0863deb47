package games.analytics.problem;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/**
 * Netty decodes at most {@value #MAX_PARAMETERS} query parameters and silently drops the rest, so a request with more
 * would be answered as if its last filters were not there. It is refused instead, before anything else runs.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class ParameterCountFilter implements HttpServerFilter {

    /** Netty's own cap (QueryStringDecoder's default maxParams). */
    static final int MAX_PARAMETERS = 1024;

    private final ProblemResponses problems;

    ParameterCountFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        int count = count(request.getUri().getRawQuery());
        if (count > MAX_PARAMETERS) {
            return Publishers.just(problems.respond(request, ApiProblem.of(HttpStatus.BAD_REQUEST,
                    "Too many parameters", "a request takes at most " + MAX_PARAMETERS + " query parameters, got " + count)));
        }
        return chain.proceed(request);
    }

    /** Parameters as Netty splits them: on '&' and ';', empty pieces not counted. */
    static int count(String rawQuery) {
        if (rawQuery == null) {
            return 0;
        }
        int count = 0;
        int start = 0;
        for (int i = 0; i <= rawQuery.length(); i++) {
            if (i == rawQuery.length() || rawQuery.charAt(i) == '&' || rawQuery.charAt(i) == ';') {
                count += i > start ? 1 : 0;
                start = i + 1;
            }
        }
        return count;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
