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
import io.micronaut.validation.Validated;
import jakarta.annotation.PreDestroy;
import jakarta.validation.Valid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private Map<String, Object> token(LoginUsers.User user) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", minter.mint(user.name(), user.roles(), ttl));
        token.put("token_type", "Bearer");
        token.put("expires_in", ttl.toSeconds());
        token.put("username", user.name());
        token.put("roles", user.roles());
        return token;
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
