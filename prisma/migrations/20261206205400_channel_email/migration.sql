-- Applicants notified by e-mail (tickets filed in the web console, /konsol/tiket/baru).
ALTER TYPE "Channel" ADD VALUE 'EMAIL';
