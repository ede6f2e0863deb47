package games.analytics.query.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** How a login's client address is read and counted. */
class LoginClientsTest {

    @Test
    void ipv4ClientsOnADualStackSocketCountAsThemselves() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, (byte) 245};
        InetAddress asKernelReportsIt = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("127.0.0.245", LoginClients.counted(asKernelReportsIt));
        assertEquals(InetAddress.getByName("127.0.0.1"), LoginClients.ipv4IfMapped(Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, -1)));
    }

    @Test
    void ipv6ClientsCountAsTheirSlash64() {
        assertEquals(LoginClients.counted(LoginClients.literal("2001:db8:1:2:aaaa::1")),
                LoginClients.counted(LoginClients.literal("2001:db8:1:2:ffff::9")));
        assertEquals("2001:db8:1:2:0:0:0:0/64", LoginClients.counted(LoginClients.literal("2001:db8:1:2::7")));
    }

    @Test
    void onlyAddressLiteralsAreReadNeverNamesToLookUp() {
        for (String text : new String[] {"example.com", "abc.def", "localhost", "", "1.2.3", "1.2.3.4.5", "a".repeat(60)}) {
            assertNull(LoginClients.literal(text), text);
        }
        assertEquals("203.0.113.9", LoginClients.literal("203.0.113.9").getHostAddress());
    }
}
