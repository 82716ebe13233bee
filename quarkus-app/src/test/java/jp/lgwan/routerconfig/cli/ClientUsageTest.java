package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's mistakes of usage: one line naming the option, exit 2, before the service is asked (none runs here). */
class ClientUsageTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            notifications                                                                                 | notifications: name what to do: file, list, show, accept, reject, schedule; lgwan-config notifications --help lists its options
            notifications file --organization 011002 --effective-date 2026-13-01 --item OTHER=x            | file: Invalid value for option '--effective-date': '2026-13-01' is no day of the calendar; expected YYYY-MM-DD, such as 2026-11-25; lgwan-config notifications file --help lists its options
            notifications file --organization 011002 --effective-date 2026-12-25 --item ACCESS_LINE_SPEED  | file: --item ACCESS_LINE_SPEED is not KIND=TEXT (e.g. ACCESS_LINE_SPEED='100M to 1G'); lgwan-config notifications file --help lists its options
            outages request --router r --start tomorrow --end 2026-12-25T04:00+09:00 --reason OTHER        | request: Invalid value for option '--start': 'tomorrow' is not a time with its offset; expected such as 2026-12-25T02:00+09:00 (TZ=Asia/Tokyo date -Iseconds prints one); lgwan-config outages request --help lists its options
            jobs show                                                                                     | show: Missing required parameter: 'J'; lgwan-config jobs show --help lists its options
            jobs show 1 --password secret                                                                 | show: --password: a password is never an option (every local user could read it in the process list); set LGWAN_PASSWORD, or put password= in the credentials file (chmod 600); lgwan-config jobs show --help lists its options
            """)
    void aMistakeIsOneLineAndExit2(String args, String said) {
        String[] result = run(args.split(" "));
        assertEquals("2", result[0], result[2]);
        assertEquals("", result[1]);
        assertEquals(said + "\n", result[2]);
    }

    @Test
    void aFinishedJobsStateIsItsExitStatus() {
        assertEquals(Cli.OK, JobsCommand.statusOf("COMPLETED"));
        assertEquals(6, JobsCommand.statusOf("COMPLETED_WITH_ROLLBACKS"));
        assertEquals(7, JobsCommand.statusOf("COMPLETED_WITH_FAILURES"));
        assertEquals(8, JobsCommand.statusOf("HALTED"));
        assertEquals(8, JobsCommand.statusOf("FAILED"));
        assertEquals(Cli.OK, JobsCommand.statusOf("RUNNING"));
    }
}
