package games.analytics.ingest.source;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a download may connect to: global unicast only. IPv4 minus the IANA special-purpose
 * registry (loopback, private, shared/CGNAT, link-local and metadata, documentation, benchmarking, 6to4 relay,
 * reserved 240/4 and broadcast, multicast) and Azure's host endpoint; IPv6 only inside 2000::/3, minus the IETF
 * protocol block 2001::/23 (Teredo among it), documentation, and 6to4 (2002::/16) unless the IPv4 address it
 * wraps is itself global. IPv4-mapped forms arrive as IPv4 already; IPv4-compatible, NAT64 and the other
 * forms outside 2000::/3 are refused whole.
 */
final class GlobalAddresses {

    private record Block(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> NOT_GLOBAL = Arrays.stream(new String[]{
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "168.63.129.16/32",
            "2001::/23", "2001:db8::/32", "3fff::/20"}).map(GlobalAddresses::block).toList();
    private static final Block GLOBAL_UNICAST_V6 = block("2000::/3");
    private static final Block SIX_TO_FOUR = block("2002::/16");

    private GlobalAddresses() {
    }

    static boolean isGlobal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return NOT_GLOBAL.stream().noneMatch(block -> block.contains(b));
        }
        if (SIX_TO_FOUR.contains(b)) {
            return isGlobal(v4(Arrays.copyOfRange(b, 2, 6)));
        }
        return GLOBAL_UNICAST_V6.contains(b) && NOT_GLOBAL.stream().noneMatch(block -> block.contains(b));
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            return new Block(InetAddress.getByName(cidr.substring(0, slash)).getAddress(), Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
