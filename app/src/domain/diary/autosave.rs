//! A note that saves itself: edits are numbered, a pause in typing (or leaving the field)
//! sends the latest, one save travels at a time, and edits made while it travels are
//! sent as soon as it answers. Pure: the editor feeds it events and does what it says.

/// Where the note stands, as the editor shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus<T, E> {
    /// Nothing typed since it was loaded (with the stored version, if any).
    Loaded(Option<T>),
    /// Changed, not sent yet.
    Unsaved,
    /// On its way.
    Saving,
    /// Stored (`None`: removed, because it was emptied).
    Saved(Option<T>),
    /// The server refused it or could not be reached.
    Failed(E),
}

/// What the editor does after a save answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterAnswer {
    /// The latest version is stored: tell whoever listens.
    Saved,
    /// It was edited while the save travelled: send it again now.
    SendAgain,
    /// The save failed: the status says why; nothing more until the student acts.
    Failed,
}

/// The autosave of one note.
#[derive(Clone, Debug, PartialEq)]
pub struct Autosave<T, E> {
    status: SaveStatus<T, E>,
    /// Edits so far.
    version: u64,
    /// The version the save on its way carries.
    in_flight: Option<u64>,
}

impl<T: Clone, E: Clone> Autosave<T, E> {
    /// A note as loaded (`stored`: its saved version, if it has one).
    pub fn new(stored: Option<T>) -> Self {
        Self {
            status: SaveStatus::Loaded(stored),
            version: 0,
            in_flight: None,
        }
    }

    /// Where it stands.
    pub fn status(&self) -> &SaveStatus<T, E> {
        &self.status
    }

    /// True while there are changes nobody has sent.
    pub fn unsent(&self) -> bool {
        matches!(self.status, SaveStatus::Unsaved)
    }

    /// The student changed it; returns the edit's number, for [`Autosave::paused`].
    pub fn edited(&mut self) -> u64 {
        self.version += 1;
        self.status = SaveStatus::Unsaved;
        self.version
    }

    /// The pause after edit `version` ran out: true when the editor should send now
    /// (nothing typed since, and no save on its way: that one's answer sends it).
    pub fn paused(&mut self, version: u64) -> bool {
        version == self.version && self.unsent() && self.begin()
    }

    /// The field lost focus: true when the editor should send now.
    pub fn flush(&mut self) -> bool {
        self.unsent() && self.begin()
    }

    /// Starts sending the current version (a retry, or the events above): false when a
    /// save is already on its way.
    pub fn begin(&mut self) -> bool {
        if self.in_flight.is_some() {
            return false;
        }
        self.in_flight = Some(self.version);
        self.status = SaveStatus::Saving;
        true
    }

    /// The save on its way answered with `answer`.
    pub fn answered(&mut self, answer: Result<Option<T>, E>) -> AfterAnswer {
        let sent = self.in_flight.take();
        match answer {
            Ok(stored) if sent == Some(self.version) => {
                self.status = SaveStatus::Saved(stored);
                AfterAnswer::Saved
            }
            Ok(_) => {
                self.begin();
                AfterAnswer::SendAgain
            }
            Err(error) => {
                self.status = SaveStatus::Failed(error);
                AfterAnswer::Failed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Note = Autosave<&'static str, &'static str>;

    #[test]
    fn a_pause_sends_the_latest_edit_only() {
        let mut note = Note::new(None);
        let first = note.edited();
        let second = note.edited();
        assert!(!note.paused(first), "typing went on after the first edit");
        assert_eq!(note.status(), &SaveStatus::Unsaved);
        assert!(note.paused(second));
        assert_eq!(note.status(), &SaveStatus::Saving);
        assert_eq!(note.answered(Ok(Some("v2"))), AfterAnswer::Saved);
        assert_eq!(note.status(), &SaveStatus::Saved(Some("v2")));
    }

    #[test]
    fn one_save_at_a_time_and_edits_meanwhile_are_sent_after_it() {
        let mut note = Note::new(Some("v0"));
        let v1 = note.edited();
        assert!(note.paused(v1));
        let v2 = note.edited();
        assert!(!note.paused(v2), "the first save is still on its way");
        assert!(!note.flush());
        assert_eq!(note.answered(Ok(Some("v1"))), AfterAnswer::SendAgain);
        assert_eq!(note.status(), &SaveStatus::Saving, "the second send began");
        assert_eq!(note.answered(Ok(Some("v2"))), AfterAnswer::Saved);
        assert_eq!(note.status(), &SaveStatus::Saved(Some("v2")));
    }

    #[test]
    fn leaving_the_field_sends_only_unsent_changes() {
        let mut note = Note::new(Some("v0"));
        assert!(!note.flush(), "nothing changed");
        note.edited();
        assert!(note.flush());
        assert!(!note.unsent());
    }

    #[test]
    fn a_failure_waits_for_the_student_and_a_retry_sends_again() {
        let mut note = Note::new(None);
        let v1 = note.edited();
        assert!(note.paused(v1));
        assert_eq!(note.answered(Err("offline")), AfterAnswer::Failed);
        assert_eq!(note.status(), &SaveStatus::Failed("offline"));
        assert!(
            !note.flush(),
            "a failed save is retried by the student, not on blur"
        );
        assert!(note.begin(), "the retry button");
        assert_eq!(note.answered(Ok(None)), AfterAnswer::Saved);
        assert_eq!(note.status(), &SaveStatus::Saved(None), "emptied: removed");
    }
}
