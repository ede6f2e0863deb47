package games.analytics.testing;

import java.nio.file.Path;

/** Minimal single-node config for a throwaway clickhouse-server (works on 18.16 and current releases). */
final class LocalConfig {
    private LocalConfig() {
    }

    static String xml(Path data, int httpPort, int tcpPort) {
        return """
                <?xml version="1.0"?>
                <yandex>
                    <logger><level>warning</level><console>1</console></logger>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <listen_host>127.0.0.1</listen_host>
                    <path>%s/</path>
                    <tmp_path>%s/tmp/</tmp_path>
                    <user_files_path>%s/user_files/</user_files_path>
                    <format_schema_path>%s/format_schemas/</format_schema_path>
                    <mark_cache_size>268435456</mark_cache_size>
                    <timezone>UTC</timezone>
                    <users>
                        <default>
                            <password></password>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                    </users>
                    <profiles><default></default></profiles>
                    <quotas><default></default></quotas>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                </yandex>
                """.formatted(httpPort, tcpPort, data, data, data, data);
    }
}
