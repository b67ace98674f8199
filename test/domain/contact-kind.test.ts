// The kind of a done action, read from its words in English and Spanish: every form of the verb, accents or not.

import { describe, expect, it } from 'vitest';
import { contactKindOf } from '../../src/domain/contact-kind';

describe('contactKindOf', () => {
  it.each([
    ['Meeting with the CFO', 'meeting'],
    ['Met the board on Tuesday', 'meeting'],
    ['Lunch with Marta', 'meeting'],
    ['Zoom to present the proposal', 'meeting'],
    ['Videollamada con compras', 'meeting'],
    ['Reunión con el director financiero', 'meeting'],
    ['Reunirnos el jueves', 'meeting'],
    ['Cita en sus oficinas', 'meeting'],
    ['Call Ana about the budget', 'call'],
    ['Phone the buyer back', 'call'],
    ['Llamar a Pedro para cerrar', 'call'],
    ['Llamé y no contestó', 'call'],
    ['Telefonear a la gerente', 'call'],
    ['Send the revised proposal', 'email'],
    ['E-mail the contract', 'email'],
    ['Write to legal about clause 4', 'email'],
    ['Enviar la oferta firmada', 'email'],
    ['Mandar presupuesto por correo', 'email'],
    ['Escribir a Lucía', 'email'],
    ['Demo of the reporting module', 'demo'],
    ['Show them the mobile app', 'demo'],
    ['Demostración del módulo de stock', 'demo'],
    ['Enseñar el panel a su equipo', 'demo'],
    ['Visit the plant in Burgos', 'visit'],
    ['Go to their Madrid office', 'visit'],
    ['Drop by the warehouse', 'visit'],
    ['Visitar la fábrica', 'visit'],
    ['Ir a la tienda de Sevilla', 'visit'],
    ['Showroom tour with the owner', 'visit'],
  ])('%s -> %s', (text, kind) => {
    expect(contactKindOf(text)).toBe(kind);
  });

  it('takes the first word that names a kind', () => {
    expect(contactKindOf('Call to book the demo')).toBe('call');
    expect(contactKindOf('Demo call with IT')).toBe('demo');
    expect(contactKindOf('Email to set up a meeting')).toBe('email');
  });

  it('does not read a kind into words that only start like one', () => {
    expect(contactKindOf('Range of prices for 2027')).toBeNull();
    expect(contactKindOf('Comercial: revisar condiciones')).toBeNull();
    expect(contactKindOf('Sentence the contract terms')).toBeNull();
    expect(contactKindOf('Agree the terms')).toBeNull();
    expect(contactKindOf('')).toBeNull();
  });
});
