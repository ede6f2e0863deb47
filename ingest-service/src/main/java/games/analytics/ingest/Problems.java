package games.analytics.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;

/** problem+json errors with a title and a detail that says what to fix. */
final class Problems {
    private Problems() {
    }

    static ThrowableProblem of(HttpStatus status, String title, String detail) {
        return Problem.builder().withStatus(new HttpStatusType(status)).withTitle(title).withDetail(detail).build();
    }
}
