package wb.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TrainingServiceTest {

    @Test
    void trainingInTheWindowsProcessWithoutC2IsPointedOut() {
        for (String level : new String[] {"0", "1", "2", " 3 "}) {
            Optional<String> note = TrainingService.compilerNote(level);
            assertTrue(note.isPresent(), level);
            assertTrue(note.get().contains("-XX:TieredStopAtLevel=" + level.trim()), note.get());
            assertTrue(note.get().contains("-Dwb.train.inProcess=true"), note.get());
        }
    }

    @Test
    void theDefaultLevelAndWhatIsNotANumberSayNothing() {
        assertEquals(Optional.empty(), TrainingService.compilerNote("4"));
        assertEquals(Optional.empty(), TrainingService.compilerNote("nope"));
        assertEquals(Optional.empty(), TrainingService.compilerNote(null));
    }
}
