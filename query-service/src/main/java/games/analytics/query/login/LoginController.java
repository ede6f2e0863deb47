package games.analytics.query.login;

import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import games.analytics.security.TokenMinter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.PreDestroy;
import jakarta.validation.Valid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /auth/login} for people without the minting tool (a browser, a notebook): a user name and
 * password from the users file ({@code LOGIN_USERS_FILE}) in, a token signed with {@code JWT_SECRET} out.
 * Off unless both are configured. The throttle decides on the event loop, before anything is queued; the slow
 * hash then runs on threads of its own, one per check slot, so it neither waits in a queue nor takes the
 * threads that answer queries.
 */
@Controller("/auth/login")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "login.users-file")
@Requires(property = "jwt.secret")
@Validated
class LoginController {

    private final LoginUsers users;
    private final TokenMinter minter;
    private final Duration ttl;
    private final LoginThrottle throttle;
    private final LoginClients clients;
    private final ProblemResponses problems;
    private final ExecutorService hashThreads;
    private final Scheduler hashing;

    LoginController(@Value("${login.users-file}") String usersFile, @Value("${jwt.secret}") String secret,
                    @Value("${login.token-ttl:8h}") Duration ttl, LoginThrottle throttle, LoginClients clients,
                    ProblemResponses problems) {
        this.users = new LoginUsers(Path.of(usersFile));
        this.minter = new TokenMinter(secret);
        this.ttl = ttl;
        this.throttle = throttle;
        this.clients = clients;
        this.problems = problems;
        this.hashThreads = Executors.newFixedThreadPool(throttle.limits().concurrentChecks(),
                Thread.ofPlatform().name("password-check-", 0).daemon().factory());
        this.hashing = Schedulers.fromExecutorService(hashThreads);
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "A token for a user name and password", description = "Checks the password against the users file and"
            + " answers a JWT for the user's roles, valid for login.token-ttl. Failed attempts per name and per client are"
            + " limited (429 with Retry-After).")
    @ApiResponse(responseCode = "200", description = "the token", content = @Content(schema = @Schema(implementation = LoginToken.class)))
    @ApiResponse(responseCode = "400", description = "a body that is not a user name and password")
    @ApiResponse(responseCode = "401", description = "wrong user name or password")
    @ApiResponse(responseCode = "429", description = "too many failed attempts for this name or client, or too many checks at once")
    Mono<HttpResponse<?>> login(HttpRequest<?> request, @Valid @Body LoginRequest body) {
        String name = body.username();
        Optional<LoginUsers.User> user = users.find(name);
        LoginThrottle.Verdict verdict = throttle.begin(name, user.isPresent(), clients.of(request));
        if (verdict instanceof LoginThrottle.Refusal refusal) {
            return Mono.just(tooMany(request, refusal));
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) verdict;
        char[] password = body.password().toCharArray();
        return Mono.fromCallable(() -> LoginUsers.matches(user, password))
                .subscribeOn(hashing)
                .<HttpResponse<?>>map(matched -> {
                    if (!matched) {
                        throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "wrong user name or password");
                    }
                    throttle.succeeded(attempt);
                    return HttpResponse.ok(token(user.get()));
                })
                .doFinally(signal -> throttle.finished()); // also when the client goes away first
    }

    private LoginToken token(LoginUsers.User user) {
        return new LoginToken(minter.mint(user.name(), user.roles(), ttl), "Bearer", ttl.toSeconds(), user.name(), List.copyOf(user.roles()));
    }

    /** The answer's names are OAuth 2's token response (RFC 6749 5.1), so OAuth-aware clients read it as is. */
    @Serdeable
    @Schema(name = "LoginToken")
    record LoginToken(String access_token, String token_type, long expires_in, String username, List<String> roles) {
    }

    private HttpResponse<?> tooMany(HttpRequest<?> request, LoginThrottle.Refusal refusal) {
        Duration retry = refusal == LoginThrottle.Refusal.BUSY ? Duration.ofSeconds(1) : throttle.limits().window();
        return problems.respond(request, ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", refusal.detail))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retry.toSeconds()));
    }

    @PreDestroy
    void stop() {
        hashThreads.shutdownNow();
    }
}
