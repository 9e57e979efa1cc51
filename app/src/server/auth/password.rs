//! Password hashing with Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane), off the
//! async runtime so it keeps serving while hashes run.
//!
//! Each hash holds 19 MiB while it runs, and more hashes at once than there are cores only
//! queue for the CPU while holding that memory. So hashes run on a few dedicated threads,
//! one per core ([`Passwords`]), and the rest wait in line. Measured with 64 simultaneous
//! sign-ins: 3.3 GB resident on the blocking pool, about 0.8 GB with a semaphore in front
//! of it (the allocator keeps an arena per blocking thread), and a small fixed figure on
//! dedicated threads (docs/performance.md).

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{mpsc, Arc, Mutex};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads. Part of the state; the threads end when it is dropped.
#[derive(Debug)]
pub struct Passwords {
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Passwords {
    /// `parallel` hashing threads (at least one).
    pub fn new(parallel: usize) -> Self {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..parallel.max(1) {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || loop {
                    let job = match receiver.lock() {
                        Ok(jobs) => jobs.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // the state is gone
                    }
                })
                .expect("the operating system starts a thread");
        }
        Self {
            jobs: Mutex::new(sender),
        }
    }

    /// One hashing thread per available core.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// Runs `work` on a hashing thread and waits for its answer.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = answer.send(work());
        });
        self.jobs
            .lock()
            .map_err(|_| AppError::internal("password queue poisoned"))?
            .send(job)
            .map_err(AppError::internal)?;
        answered.await.map_err(AppError::internal)?
    }

    /// The PHC string for `password`, with a fresh salt.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt).map_err(AppError::internal)?;
            let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
            hasher()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(AppError::internal)
        })
        .await
    }

    /// Whether `password` matches `stored`. With no stored hash (unknown account, or one
    /// that signs in with Google only) it still does the same work against a throwaway
    /// hash, so the answer takes as long either way and timing reveals nothing.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        self.run(move || {
            let known = stored.is_some();
            let phc = stored.unwrap_or_else(|| DECOY.to_owned());
            let parsed = PasswordHash::new(&phc).map_err(AppError::internal)?;
            let matches = hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            Ok(known && matches)
        })
        .await
    }
}

/// A hash of a random password nobody knows, with the same parameters as real ones.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$\
                     q0l4oTjW0Vq4bqz9P2s0a9gM8m9xwqD9hMZ0m1sYc2k";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_per_salt() {
        let passwords = Passwords::new(2);
        let a = passwords
            .hash("correct horse battery".into())
            .await
            .unwrap();
        let b = passwords
            .hash("correct horse battery".into())
            .await
            .unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b);
        assert!(passwords
            .verify("correct horse battery".into(), Some(a.clone()))
            .await
            .unwrap());
        assert!(!passwords
            .verify("wrong horse battery".into(), Some(a))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn many_hashes_share_few_threads() {
        let passwords = Arc::new(Passwords::new(1));
        let hashes: Vec<_> = (0..4)
            .map(|i| {
                let passwords = Arc::clone(&passwords);
                tokio::spawn(async move { passwords.hash(format!("password number {i}")).await })
            })
            .collect();
        for hash in hashes {
            assert!(hash.await.unwrap().is_ok());
        }
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        assert!(PasswordHash::new(DECOY).is_ok());
        assert!(!Passwords::new(1)
            .verify("anything at all".into(), None)
            .await
            .unwrap());
    }
}
