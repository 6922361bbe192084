module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'segments-playground-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'segments-playground-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'segments-playground-transfer-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'segments-playground-encryption-key') },
  flags: { nps: false, promoteEE: false },
  watchIgnoreFiles: ['**/.tmp/**', '**/scripts/**'],
});
