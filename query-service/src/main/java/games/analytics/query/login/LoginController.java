package games.analytics.query.login;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import games.analytics.security.TokenMinter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.validation.Validated;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /auth/login} for people without the minting tool (a browser, a notebook): a user name and
 * password from the users file ({@code LOGIN_USERS_FILE}) in, a token signed with {@code JWT_SECRET} out.
 * Off unless both are configured.
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
    private final ProblemResponses problems;

    LoginController(@Value("${login.users-file}") String usersFile, @Value("${jwt.secret}") String secret,
                    @Value("${login.token-ttl:8h}") Duration ttl, LoginThrottle throttle, ProblemResponses problems) {
        this.users = new LoginUsers(Path.of(usersFile));
        this.minter = new TokenMinter(secret);
        this.ttl = ttl;
        this.throttle = throttle;
        this.problems = problems;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // a password check costs ~0.3 s of CPU on purpose
    HttpResponse<?> login(HttpRequest<?> request, @Valid @Body LoginRequest body) throws IOException {
        String name = body.username();
        if (!throttle.tryName(name)) {
            return tooMany(request, "too many logins for this user name in the last minute; retry later");
        }
        if (!throttle.tryCheck()) {
            return tooMany(request, "too many logins at once; retry in a moment");
        }
        Optional<LoginUsers.User> user;
        try {
            user = users.authenticate(name, body.password().toCharArray());
        } finally {
            throttle.release();
        }
        if (user.isEmpty()) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "wrong user name or password");
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", minter.mint(user.get().name(), user.get().roles(), ttl));
        token.put("token_type", "Bearer");
        token.put("expires_in", ttl.toSeconds());
        token.put("username", user.get().name());
        token.put("roles", user.get().roles());
        return HttpResponse.ok(token);
    }

    private HttpResponse<?> tooMany(HttpRequest<?> request, String detail) {
        return problems.respond(request, ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail))
                .header(HttpHeaders.RETRY_AFTER, "60");
    }
}
