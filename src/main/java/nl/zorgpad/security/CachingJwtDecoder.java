package nl.zorgpad.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has validated until they expire: a client sends the same token with every
 * request, and checking its signature and claims again each time is wasted work. A token without an
 * expiry is never remembered. At most {@value #MAX} tokens; the memory is emptied when full.
 */
final class CachingJwtDecoder implements JwtDecoder {
	static final int MAX = 10_000;
	private final JwtDecoder delegate;
	private final Map<String, Jwt> valid = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = valid.get(token);
		if (known != null && known.getExpiresAt().isAfter(Instant.now())) {
			return known;
		}
		Jwt decoded = delegate.decode(token); // throws for a bad or expired token
		if (decoded.getExpiresAt() != null) {
			if (valid.size() >= MAX) {
				valid.clear();
			}
			valid.put(token, decoded);
		}
		return decoded;
	}
}
