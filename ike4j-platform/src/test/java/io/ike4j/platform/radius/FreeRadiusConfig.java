package io.ike4j.platform.radius;

import java.nio.file.Path;

/** A minimal FreeRADIUS 3 radiusd.conf: one loopback client, the files module, EAP with MD5 and MSCHAPv2. */
final class FreeRadiusConfig {
    private FreeRadiusConfig() {}

    static String radiusdConf(Path dir, int port, String secret) {
        String d = dir.toString();
        return """
            prefix = /usr
            exec_prefix = /usr
            sysconfdir = /etc
            localstatedir = %1$s
            sbindir = /usr/sbin
            logdir = %1$s
            raddbdir = %1$s
            radacctdir = %1$s
            name = radiusd
            confdir = %1$s
            modconfdir = %1$s
            run_dir = %1$s
            db_dir = %1$s
            libdir = /usr/lib/freeradius
            pidfile = %1$s/radiusd.pid
            max_request_time = 30
            cleanup_delay = 5
            max_requests = 1024
            hostname_lookups = no
            log {
              destination = stdout
              auth = yes
            }
            security {
              allow_core_dumps = no
              max_attributes = 200
              reject_delay = 0
              status_server = no
            }
            client ike4j {
              ipaddr = 127.0.0.1
              secret = %3$s
              require_message_authenticator = yes
            }
            modules {
              files {
                filename = %1$s/users
              }
              mschap {
              }
              eap {
                default_eap_type = md5
                timer_expire = 60
                ignore_unknown_eap_types = no
                max_sessions = 64
                md5 {
                }
                mschapv2 {
                }
              }
            }
            server default {
              listen {
                type = auth
                ipaddr = 127.0.0.1
                port = %2$d
              }
              authorize {
                files
                eap {
                  ok = return
                }
              }
              authenticate {
                eap
                Auth-Type MS-CHAP {
                  mschap
                }
              }
              post-auth {
              }
            }
            """.formatted(d, port, secret);
    }
}
