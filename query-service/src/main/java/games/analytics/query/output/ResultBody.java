package games.analytics.query.output;

import reactor.core.publisher.Flux;

/** A rendered answer: whole (it fitted the bound, and goes out with its length) or chunks still streaming. */
public sealed interface ResultBody {

    record Whole(byte[] bytes) implements ResultBody {
    }

    record Streamed(Flux<byte[]> chunks) implements ResultBody {
    }
}
